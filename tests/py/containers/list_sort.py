# list.sort in place with key and reverse
l = [5, 2, 9, 1, 5, 6]
r = l.sort()
print(r, l)
l.sort(reverse=True)
print(l)
words = ['pear', 'fig', 'banana', 'kiwi']
words.sort(key=len)
print(words)
words.sort(key=lambda w: w[::-1])
print(words)
pairs = [(2, 'b'), (1, 'z'), (2, 'a'), (1, 'a')]
pairs.sort()
print(pairs)
pairs.sort(key=lambda p: p[1], reverse=True)
print(pairs)
m = [3.5, -1, 2, 0]
m.sort()
print(m)
e = []
e.sort()
print(e)
try:
    [1, 'a'].sort()
except TypeError as e:
    print(type(e).__name__)
