# small complete program mixing statements
def fizzbuzz(n):
    out = []
    for i in range(1, n + 1):
        if i % 15 == 0:
            out.append('FizzBuzz')
        elif i % 3 == 0:
            out.append('Fizz')
        elif i % 5 == 0:
            out.append('Buzz')
        else:
            out.append(str(i))
    return out
print(' '.join(fizzbuzz(20)))
def collatz(n):
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps
print([collatz(n) for n in range(1, 15)])
primes = []
n = 2
while len(primes) < 15:
    if all(n % p for p in primes if p * p <= n):
        primes.append(n)
    n += 1
print(primes)
