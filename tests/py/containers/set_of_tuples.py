# sets containing tuples and numbers
points = {(0, 0), (1, 2), (0, 0), (2, 1), (1, 2)}
print(sorted(points), len(points), (1, 2) in points)
visited = set()
x, y = 0, 0
for move in 'RRUULDDR':
    dx, dy = {'R': (1, 0), 'L': (-1, 0), 'U': (0, 1), 'D': (0, -1)}[move]
    x, y = x + dx, y + dy
    visited.add((x, y))
print(sorted(visited), len(visited))
print(sorted(p for p in points if p[0] > 0))
nums = {1, 2.0, 3 + 0j}
print(1 in nums, 2 in nums, 3 in nums, len(nums))
