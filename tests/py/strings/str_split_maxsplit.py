# maxsplit edge cases for split/rsplit with whitespace
s = '  a  b  c  '
for n in (-1, 0, 1, 2, 3, 10):
    print(n, s.split(None, n), s.rsplit(None, n))
t = 'a-b-c'
for n in (0, 1, 5):
    print(n, t.split('-', n), t.rsplit('-', n))
