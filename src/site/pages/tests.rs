//! Tests of the views: what each is affected by, and every view rendered strictly.
