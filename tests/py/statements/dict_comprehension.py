# dict comprehensions
print({x: x ** 2 for x in range(5)})
print({k: v for k, v in zip('abc', range(3)) if v != 1})
print({v: k for k, v in {'one': 1, 'two': 2}.items()})
words = ['apple', 'bob', 'cat', 'apple']
print({w: len(w) for w in words})
print({(i, j): i * j for i in range(2) for j in range(2)})
print({str(i): [j for j in range(i)] for i in range(3)})
print({x % 3: x for x in range(10)})
