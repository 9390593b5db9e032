//! Rules about the channels a plan commits to: each has an owner, each is really used, and there
//! are not more channels than people to run them.

use std::collections::BTreeSet;

use crate::declare_rule;
use crate::diagnostic::Rule;
use crate::lint::Cx;
use crate::plan::Kind;
use crate::plan::unparsed::RefField;

declare_rule!(pub CHANNEL_WITHOUT_OWNER, "channel-without-owner", Warn, "a channel in plan.toml has no `owner`");
declare_rule!(pub CHANNEL_UNUSED, "channel-unused", Warn, "a committed channel has no planned or active tactic");
declare_rule!(pub CHANNEL_SPREAD, "channel-spread", Warn, "more channels in use than distinct tactic owners to run them");

pub(super) static RULES: &[&Rule] = &[&CHANNEL_WITHOUT_OWNER, &CHANNEL_UNUSED, &CHANNEL_SPREAD];

pub(super) fn check(cx: &mut Cx<'_>) {
    let plan = cx.plan;
    let settings = &plan.settings;
    let live_tactics: Vec<_> = plan
        .of_kind(Kind::Tactic)
        .filter_map(|d| Some((d, d.tactic()?)))
        .filter(|(_, t)| t.is_live())
        .collect();
    // A live tactic whose `channel` could not be read (a wrong type) may be on any channel.
    let unread_channel = live_tactics
        .iter()
        .any(|(d, _)| d.is_invalid("channel") || d.is_invalid("channels"));
    for channel in &settings.channels {
        let id = &channel.value.id;
        if channel.value.owner.is_none() {
            cx.report(
                &CHANNEL_WITHOUT_OWNER,
                settings.source(),
                channel.span.clone(),
                format!("channel `{id}` has no `owner`: nobody answers there"),
                "add `owner = \"…\"`: the person or team who posts, listens and replies on it",
            );
        }
        // A tactic that failed to parse may be the one on this channel.
        if !live_tactics
            .iter()
            .any(|(_, t)| t.channels.iter().any(|c| &c.value == id))
            && !plan.unparsed_may_reference(&[Kind::Tactic], RefField::Channels, id)
            && !unread_channel
        {
            cx.report(
                &CHANNEL_UNUSED,
                settings.source(),
                channel.span.clone(),
                format!("channel `{id}` has no planned or active tactic: an abandoned account is worse than none"),
                format!("plan a tactic with `channel = \"{id}\"`, or remove the channel from plan.toml"),
            );
        }
    }
    let channels: BTreeSet<&str> = live_tactics
        .iter()
        .flat_map(|(_, t)| t.channels.iter().map(|c| c.value.as_str()))
        .collect();
    let owners: BTreeSet<&str> = live_tactics
        .iter()
        .filter(|(_, t)| !t.channels.is_empty())
        .filter_map(|(d, _)| d.owner.as_ref().map(|o| o.value.as_str()))
        .collect();
    if channels.len() > owners.len() && channels.len() > 1 {
        let span = settings.channels.first().map_or(0..0, |c| c.span.clone());
        cx.report(
            &CHANNEL_SPREAD,
            settings.source(),
            span,
            format!(
                "{} channels are in use ({}) but only {} their tactics",
                channels.len(),
                channels.iter().copied().collect::<Vec<_>>().join(", "),
                match owners.len() {
                    1 => "one person or team owns".to_owned(),
                    n => format!("{n} people or teams own"),
                }
            ),
            "commit to fewer channels, or give the tactics on each channel an owner who can run them",
        );
    }
}
