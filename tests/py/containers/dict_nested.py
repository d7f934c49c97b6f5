# nested dict structures
data = {'users': [{'name': 'ann', 'tags': ['a', 'b']}, {'name': 'bob', 'tags': []}], 'count': 2}
print(data['users'][0]['tags'][1], len(data['users'][1]['tags']))
data['users'][1]['tags'].append('new')
print(data)
tree = {}
for path in ['a/b/c', 'a/b/d', 'a/e', 'f']:
    node = tree
    for part in path.split('/'):
        node = node.setdefault(part, {})
print(tree)
counts = {}
for w in 'the cat and the hat and the bat'.split():
    counts[w] = counts.get(w, 0) + 1
print(counts)
print(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
