-- Which run wrote which Silver snapshot, from the userflow.* keys every job puts in the snapshot summary.
-- element_at, not summary['key']: Trino fails the whole query on a missing key, and not every snapshot has every
-- key (the table's first, empty snapshot only has userflow.stage).
SELECT committed_at,
       operation,
       element_at(summary, 'userflow.pipeline')       AS pipeline,
       element_at(summary, 'userflow.run-id')         AS run_id,
       element_at(summary, 'userflow.plan-mode')      AS plan_mode,
       element_at(summary, 'userflow.plan-reason')    AS plan_reason,
       element_at(summary, 'userflow.affected-dates') AS affected_dates
FROM userflow.events."silver_events$snapshots"
ORDER BY committed_at DESC
LIMIT 20;
