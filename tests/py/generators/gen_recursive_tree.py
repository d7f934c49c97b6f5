# recursive generators for tree traversal
tree = ('a', [('b', [('d', []), ('e', [])]), ('c', [('f', [])])])
def preorder(node):
    name, children = node
    yield name
    for ch in children:
        yield from preorder(ch)
def postorder(node):
    name, children = node
    for ch in children:
        yield from postorder(ch)
    yield name
def paths(node, prefix=''):
    name, children = node
    p = prefix + '/' + name
    if not children:
        yield p
    for ch in children:
        yield from paths(ch, p)
print(list(preorder(tree)), list(postorder(tree)), list(paths(tree)))
def perms(items):
    if len(items) <= 1:
        yield list(items)
        return
    for i in range(len(items)):
        for rest in perms(items[:i] + items[i + 1:]):
            yield [items[i]] + rest
print([''.join(p) for p in perms(list('abc'))])
