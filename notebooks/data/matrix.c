/* matrix.c: fills a 16 x 512 matrix of longs (64 KiB, one 4 KiB page per row), then sums it twice:
   row by row, then column by column. Same arithmetic, a different order of memory accesses. */
#define ROWS 16
#define COLS 512

static long m[ROWS][COLS] __attribute__((aligned(4096)));

int main(void) {
    for (int i = 0; i < ROWS; i++)          /* fill, row by row */
        for (int j = 0; j < COLS; j++)
            m[i][j] = i + j;

    long sum = 0;
    for (int i = 0; i < ROWS; i++)          /* row-major: each page from start to end, then the next */
        for (int j = 0; j < COLS; j++)
            sum += m[i][j];

    for (int j = 0; j < COLS; j++)          /* column-major: one long from every page, 512 times over */
        for (int i = 0; i < ROWS; i++)
            sum += m[i][j];

    return (int) (sum & 1);
}
