# two-argument iter(callable, sentinel)
data = [3, 1, 4, 0, 5]
pos = [0]
def read():
    v = data[pos[0]]
    pos[0] += 1
    return v
print(list(iter(read, 0)), pos[0])
count = [0]
def tick():
    count[0] += 1
    return count[0]
for v in iter(tick, 4):
    print('tick', v)
