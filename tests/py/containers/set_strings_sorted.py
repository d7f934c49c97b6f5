# sets of strings printed in sorted order
words = 'the quick brown fox jumps over the lazy dog the end'.split()
s = set(words)
print(len(words), len(s), sorted(s))
vowels = set('aeiou')
print(sorted(set('programming') & vowels), sorted(set('programming') - vowels))
print(sorted({w[0] for w in words}))
print(sorted(s, key=len)[0] in ('the', 'fox', 'dog', 'end'))
