# set comprehensions and set-based deduplication
nums = [5, 3, 5, 1, 3, 9, 1]
uniq = {n for n in nums}
print(sorted(uniq), len(uniq))
print(sorted({n % 3 for n in range(20)}), sorted({x * y for x in range(3) for y in range(3)}))
seen = set()
order = []
for n in nums:
    if n not in seen:
        seen.add(n)
        order.append(n)
print(order)
print(sorted(set(nums) - {1}), len(set()) == 0)
