# list errors
tests = [
    lambda: [][0],
    lambda: [1].pop(5),
    lambda: [].pop(),
    lambda: [1].remove(2),
    lambda: [1].index(2),
    lambda: [1, 2][str(0)],
    lambda: [1] + (2,),
    lambda: [1] * 1.5,
    lambda: [1].insert('a', 2),
]
for t in tests:
    try:
        print('ok', t())
    except Exception as e:
        print(type(e).__name__)
