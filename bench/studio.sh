#!/usr/bin/env bash
# The studio's live pages: time from a one-field PATCH to the new page hashes, median over
# N edits, for the sample (44 pages) and for a bundle of 200 indicators
# (bench/make_large.py), and the server's resident memory after the edits.
#
#   [LKJIP_BIN=path] bench/studio.sh [EDITS]      (default 40 edits; builds nothing)
#
# Two figures per edit: "server", measured inside the studio from the PATCH's arrival to
# the new hashes (what the page is told in the `state` event, field `ms`), and "client",
# from sending the PATCH to seeing the new hashes by polling GET /api/pages every 2 ms.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${LKJIP_BIN:-target/release/lkjip}
edits=${1:-40}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
cp data/mojokerto-2021.json "$work/sample.json"
python3 bench/make_large.py 200 "$work/large-200.json"

for name in sample large-200; do
  case $name in
    sample) field='narasi.saran[0].p' ;;
    *) field='sasaran[3].indikator[2].realisasi.2021' ;;
  esac
  "$bin" edit "$work/$name.json" --no-open >"$work/$name.url" 2>/dev/null &
  pid=$!
  while [ ! -s "$work/$name.url" ]; do sleep 0.05; done
  python3 - "$(head -1 "$work/$name.url")" "$field" "$edits" "$pid" "$name" <<'PY'
import http.client, json, statistics, sys, time
url, field, n, pid, name = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
hostport, token = url[len("http://"):].split("/?token=")
host, port = hostport.split(":")
conn = http.client.HTTPConnection(host, int(port))
H = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
def call(method, path, body=None):
    conn.request(method, path, body=None if body is None else json.dumps(body), headers=H)
    r = conn.getresponse(); data = r.read()
    return r.status, json.loads(data) if data else None
def pages():
    return call("GET", "/api/pages")[1]
t0 = time.time()
while pages()["count"] == 0:
    time.sleep(0.01)
cold = time.time() - t0
server, client = [], []
for i in range(n):
    version = call("GET", "/api/bundle")[1]["version"]
    value = (f"Saran ke-{i} untuk tahun berikutnya." if field.startswith("narasi")
             else json.loads(f"{80 + (i % 17) / 10}"))
    t = time.perf_counter()
    status, _ = call("PATCH", "/api/bundle", {"version": version, "path": field, "value": value})
    assert status == 200, status
    while True:
        p = pages()
        if p["version"] == version + 1:
            break
        time.sleep(0.002)
    client.append((time.perf_counter() - t) * 1000)
    server.append(p["ms"])
    time.sleep(0.05)
rss = next(l.split()[1] for l in open(f"/proc/{pid}/status") if l.startswith("VmRSS"))
print(f"{name}: {p['count']} pages, first layout after start {cold*1000:.0f} ms; {n} edits of {field}")
print(f"  edit -> new page hashes: median server {statistics.median(server):.0f} ms, "
      f"client {statistics.median(client):.0f} ms (min {min(client):.0f}, max {max(client):.0f}); "
      f"RSS after the edits {int(rss)//1024} MB")
PY
  kill "$pid"; wait "$pid" 2>/dev/null || true
done
