# Always 0.
input()
print(0)
