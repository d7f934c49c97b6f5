# Objects of many sizes allocated in an interleaved order, some kept and some dropped,
# across many collections (automatic on the small test heap, and explicit): every kept
# object must still hold exactly what was written into it.
import gc

def make(i):
    k = i % 7
    if k == 0:
        return i * 0.5
    if k == 1:
        return [i, i + 1]
    if k == 2:
        return (i, str(i), i * 2)
    if k == 3:
        return {"a": i, "b": [i] * (i % 11)}
    if k == 4:
        return "s" * (i % 40) + str(i)
    if k == 5:
        return list(range(i % 50))
    return bytearray(i % 90)

def check(i, v):
    k = i % 7
    if k == 0:
        return v == i * 0.5
    if k == 1:
        return v == [i, i + 1]
    if k == 2:
        return v == (i, str(i), i * 2)
    if k == 3:
        return v["a"] == i and v["b"] == [i] * (i % 11)
    if k == 4:
        return v == "s" * (i % 40) + str(i)
    if k == 5:
        return v == list(range(i % 50))
    return v == bytearray(i % 90)

kept = {}
bad = 0
for rnd in range(5):
    for i in range(rnd * 2000, rnd * 2000 + 2000):
        v = make(i)
        if i % 10 == 0:
            kept[i] = v
        else:
            junk = [v, v]
        if i % 997 == 0:
            gc.collect()
    # drop a third of the survivors; grow some lists in place
    for i in list(kept):
        if i % 3 == 0:
            del kept[i]
        elif i % 7 == 1:
            kept[i].extend(range(20))
            kept[i] = kept[i][:2]
    for i, v in kept.items():
        if not check(i, v):
            bad += 1
    print("round", rnd, "kept", len(kept), "bad", bad)

# Lists that grow one item at a time interleaved with small allocations.
lists = [[] for _ in range(20)]
for i in range(4000):
    lists[i % 20].append(i)
    tmp = (i, i + 1.5)
print([len(l) for l in lists][:5], sum(sum(l) for l in lists))
print(all(l == list(range(j, 4000, 20)) for j, l in enumerate(lists)))
