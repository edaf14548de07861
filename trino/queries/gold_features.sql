-- Gold after a Reprocess: users and events per feature date (docs/DEPLOY.md, "Query with Trino").
SELECT feature_date, count(*) AS users
FROM userflow.events.user_daily_features
GROUP BY feature_date
ORDER BY feature_date DESC
LIMIT 14;
