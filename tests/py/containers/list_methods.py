# list mutating methods
l = [3, 1, 2]
l.append(4); print(l)
l.extend([5, 6]); print(l)
l.extend(range(7, 9)); print(l)
l.insert(0, 0); print(l)
l.insert(-1, 'neg'); print(l)
l.insert(100, 'end'); print(l)
l.remove('neg'); print(l)
print(l.pop(), l.pop(0), l.pop(2), l)
print(l.index(5), l.count(5), l.count(99))
l.reverse(); print(l)
c = l.copy(); c.append('c'); print(l, c)
l.clear(); print(l, len(l))
l = [1, 2, 1, 2, 1]
print(l.index(2, 2), l.index(1, 1, 3))
l.remove(1); print(l)
