# max/min with positional args, iterables, key and default
print(max(1, 5, 3), min(1, 5, 3), max([4, 9, 2]), min((4, 9, 2)), max('hello'), min('hello'))
print(max([1, -7, 3], key=abs), min([1, -7, 3], key=abs), max('a', 'Bb', 'ccc', key=len))
print(max([], default='empty'), min([], default=None), max([3], default=0))
print(max([(1, 'b'), (1, 'a'), (0, 'z')]), min({'x': 3, 'y': 1}, key=lambda k: k))
print(max(1, 2.5), min(-1, -1.5), max(2 ** 100, 3))
words = {'apple': 3, 'kiwi': 9, 'fig': 5}
print(max(words, key=words.get), min(words.items(), key=lambda kv: kv[1]))
for bad in ((lambda: max([])), (lambda: min(())), (lambda: max(1)), (lambda: max(1, 'a'))):
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__)
