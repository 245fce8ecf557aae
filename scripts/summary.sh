#!/bin/sh
# Prints what a jixiao database holds, with the SQL a reader can reuse.
# Usage: scripts/summary.sh DB   (needs the sqlite3 shell; quiet without it)
set -eu
db=$1
command -v sqlite3 >/dev/null 2>&1 || { echo "records stored in $db (install sqlite3 to query it)"; exit 0; }
echo "== $db"
sqlite3 -header -column "$db" "
SELECT kind, count(*) AS documents, sum(forms) AS forms, sum(indicators) AS indicators
FROM documents GROUP BY kind;"
echo
echo "-- average 得分 against 分值 by 二级指标:"
sqlite3 -header -column "$db" "
SELECT level2, count(*) AS n, round(avg(score), 2) AS avg_score, round(avg(weight), 2) AS avg_weight
FROM indicators WHERE level2 IS NOT NULL GROUP BY level2 ORDER BY n DESC LIMIT 8;"
