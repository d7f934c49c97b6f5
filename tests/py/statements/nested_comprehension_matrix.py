# nested comprehensions for matrix operations
A = [[1, 2], [3, 4], [5, 6]]
B = [[7, 8, 9], [10, 11, 12]]
T = [[row[i] for row in A] for i in range(len(A[0]))]
print(T)
P = [[sum(a * b for a, b in zip(row, col)) for col in zip(*B)] for row in A]
print(P)
flat = [v for row in P for v in row]
print(flat, max(flat), sum(flat))
ident = [[1 if i == j else 0 for j in range(3)] for i in range(3)]
print(ident)
print([[c for c in word] for word in ('ab', 'cde')])
