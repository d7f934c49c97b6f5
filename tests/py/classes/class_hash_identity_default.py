# instances without __eq__/__hash__ use identity for equality and hashing
class Node:
    def __init__(self, v):
        self.v = v
a, b = Node(1), Node(1)
s = {a, b, a}
d = {a: 'a', b: 'b'}
print(len(s), d[a], d[b], a in s, Node(1) in s)
print(a == b, a == a, a != b, [a, b].index(b), [a, b].count(a))
