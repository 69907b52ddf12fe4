# N itself: right, but trivial.
print(int(input()))
