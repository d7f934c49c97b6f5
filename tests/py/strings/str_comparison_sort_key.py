# sorting strings with keys
words = ['banana', 'Apple', 'cherry', 'date', 'Elder', 'fig']
print(sorted(words))
print(sorted(words, key=str.lower))
print(sorted(words, key=lambda w: (len(w), w)))
print(sorted(words, key=lambda w: w[::-1], reverse=True))
print(min(words, key=len), max(words, key=lambda w: w.lower()))
