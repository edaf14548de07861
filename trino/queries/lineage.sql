-- Which run wrote which Silver snapshot, from the userflow.* keys every job puts in the snapshot summary.
SELECT committed_at,
       operation,
       summary['userflow.pipeline']       AS pipeline,
       summary['userflow.run-id']         AS run_id,
       summary['userflow.plan-mode']      AS plan_mode,
       summary['userflow.plan-reason']    AS plan_reason,
       summary['userflow.affected-dates'] AS affected_dates
FROM userflow.events."silver_events$snapshots"
ORDER BY committed_at DESC
LIMIT 20;
