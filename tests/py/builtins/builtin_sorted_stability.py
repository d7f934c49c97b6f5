# sorting is stable for equal keys, including with reverse=True
recs = [('b', 2), ('a', 1), ('c', 2), ('d', 1), ('e', 3), ('f', 2)]
print(sorted(recs, key=lambda r: r[1]))
print(sorted(recs, key=lambda r: r[1], reverse=True))
words = ['pear', 'fig', 'apple', 'kiwi', 'date', 'plum', 'banana']
print(sorted(words, key=len))
l = list(words)
l.sort(key=len, reverse=True)
print(l)
by_second = sorted(recs, key=lambda r: r[0], reverse=True)
print(sorted(by_second, key=lambda r: r[1]))
