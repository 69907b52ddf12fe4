# Nine decimals: not the answer's text, but within its 1e-6 tolerance.
a, b = map(int, input().split())
print(f"{a / b:.9f}")
