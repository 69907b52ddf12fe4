# The right number after leading spaces: the same tokens, another layout.
a, b = map(int, input().split())
print("   " + str(a + b))
