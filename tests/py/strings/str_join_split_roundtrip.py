# split/join inverse relationships
samples = ['a,b,c', ',a,,b,', '', ',', 'abc']
for s in samples:
    parts = s.split(',')
    print(repr(s), parts, ','.join(parts) == s)
words = ['x', '', 'y z']
print('|'.join(words).split('|') == words)
print(' '.join('a b   c'.split()))
