-- Silver's rejects per reason code: what the quality gate counted.
SELECT reason_code, count(*) AS rejects
FROM userflow.events.silver_rejects
GROUP BY reason_code
ORDER BY rejects DESC;
