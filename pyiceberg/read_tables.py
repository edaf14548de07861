"""Opens tables of an Iceberg catalog with PyIceberg and writes each one's rows to Parquet: a JDBC catalog on
SQLite (--sqlite) or an Iceberg REST catalog (--rest, OAuth2 client credentials from USERFLOW_CATALOG_CREDENTIAL or
a bearer token from USERFLOW_CATALOG_TOKEN, as the jobs take them).

A second, independent Iceberg reader: what Spark wrote must open here, merge-on-read deletes applied, and hold
the rows Spark reads (the caller compares the Parquet files with Spark's rows). Prints one JSON line per table:
{"table": ..., "rows": ..., "parquet": ...}. A table that does not open ends the run with exit 1 and a line
naming it and PyIceberg's reason.

  read_tables.py --name CATALOG --sqlite FILE --warehouse URI --out DIR NAMESPACE.TABLE...
  read_tables.py --name CATALOG --rest URI --warehouse URI --out DIR NAMESPACE.TABLE...
"""
import argparse
import json
import os
import sys

import pyarrow.parquet as pq
from pyiceberg.catalog.rest import RestCatalog
from pyiceberg.catalog.sql import SqlCatalog


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--name", required=True, help="catalog name, as the JDBC catalog stores it")
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--sqlite", help="the JDBC catalog's SQLite file")
    where.add_argument("--rest", help="the REST catalog's base URI")
    parser.add_argument("--warehouse", required=True)
    parser.add_argument("--out", required=True, help="folder for one Parquet file per table")
    parser.add_argument("tables", nargs="+")
    args = parser.parse_args()
    if args.sqlite:
        catalog = SqlCatalog(args.name, uri="sqlite:///" + os.path.abspath(args.sqlite), warehouse=args.warehouse)
    else:
        auth = {}
        if os.environ.get("USERFLOW_CATALOG_CREDENTIAL"):
            auth = {"credential": os.environ["USERFLOW_CATALOG_CREDENTIAL"],
                    "oauth2-server-uri": args.rest.rstrip("/") + "/v1/oauth/tokens"}
        elif os.environ.get("USERFLOW_CATALOG_TOKEN"):
            auth = {"token": os.environ["USERFLOW_CATALOG_TOKEN"]}
        catalog = RestCatalog(args.name, uri=args.rest, warehouse=args.warehouse, **auth)
    os.makedirs(args.out, exist_ok=True)
    for name in args.tables:
        try:
            rows = catalog.load_table(name).scan().to_arrow()
        except Exception as e:  # any reason a table does not open is the finding
            print(f"error: PyIceberg cannot read {name}: {type(e).__name__}: {e}", file=sys.stderr)
            return 1
        path = os.path.join(args.out, name + ".parquet")
        pq.write_table(rows, path)
        print(json.dumps({"table": name, "rows": rows.num_rows, "parquet": path}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
