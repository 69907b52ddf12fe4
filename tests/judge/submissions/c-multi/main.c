#include <stdio.h>
#include "add.h"
int main(void) { long a, b; if (scanf("%ld %ld", &a, &b) != 2) return 1; printf("%ld\n", add(a, b)); return 0; }
