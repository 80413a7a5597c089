import json, sys, collections
p = json.load(open(sys.argv[1]))
nodes = {n["id"]: n for n in p["nodes"]}
dt = collections.Counter()
deltas = p["timeDeltas"]
for s, d in zip(p["samples"], deltas):
    dt[s] += d
total = sum(dt.values())
self_fn = collections.Counter(); by_url = collections.Counter()
for nid, t in dt.items():
    cf = nodes[nid]["callFrame"]
    name = cf["functionName"] or "(anon)"
    url = cf["url"].split("node_modules/")[-1] if "node_modules" in cf["url"] else cf["url"].replace("file:///work/main/","")
    self_fn[f"{name} {url}:{cf['lineNumber']}"] += t
    by_url[url.split("/")[0] if "node_modules" in cf["url"] else url] += t
print("total ms", total/1000)
for k, v in by_url.most_common(15): print(f"{v/total*100:5.1f}% {k}")
print()
for k, v in self_fn.most_common(30): print(f"{v/total*100:5.1f}% {k}")
