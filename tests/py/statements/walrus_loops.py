# walrus in while loops and comprehension filters
chunks = []
data = list(range(10))
pos = 0
while (chunk := data[pos:pos + 4]):
    chunks.append(chunk)
    pos += 4
print(chunks)
nums = [1, 4, 9, 16, 25]
print([(n, r) for n in nums if (r := n % 5) != 0])
count = 0
if (count := count + 1) and (count := count * 10):
    print(count)
print(any((hit := x) > 10 for x in nums), hit)
