/* A checker speaking the testlib protocol (without testlib.h): accepts any
 * even number within 1 of the answer, partial points for an odd one. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: checker input output answer\n");
        return 3;
    }
    FILE *out = fopen(argv[2], "r"), *ans = fopen(argv[3], "r");
    long o, a;
    if (!out || !ans || fscanf(ans, "%ld", &a) != 1) {
        fprintf(stderr, "cannot read the answer\n");
        return 3;
    }
    if (fscanf(out, "%ld", &o) != 1) {
        fprintf(stderr, "wrong answer expected a number\n");
        return 1;
    }
    if (labs(o - a) > 1) {
        fprintf(stderr, "wrong answer expected %ld, found %ld\n", a, o);
        return 1;
    }
    if (o % 2) {
        fprintf(stderr, "points 0.5 odd but close\n");
        return 7;
    }
    fprintf(stderr, "ok %ld\n", o);
    return 0;
}
