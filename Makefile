# actcheck: one non-recursive Makefile.  Sources are found by wildcard;
# objects go to build/, mirroring the source tree.
#   make            build build/actcheck
#   make check      build and run the self-tests (cmocka)
#   make accuracy   measure every registered kernel on sampled inputs
#   make validate   fast reference against pure MPFR, 10^6 inputs per row and direction
#   make bench-sweep  fast-reference speed, fallback rates, exhaustive sweep times

CC      ?= gcc
CFLAGS  ?= -O2 -g
CFLAGS  += -std=gnu11 -Wall -Wextra -MMD -MP -Ireference -Iimpls -Isuites -fopenmp
# GCC 12.2 at -O2 drops the rounding in `for (i = 0; i < 3; i++) d[i] =
# (float)s[i];` when it SLP-vectorises the loop (d double): parameters rounded
# to binary32 would silently stay binary64.  test_format checks it.
CFLAGS  += -fno-tree-slp-vectorize
LDLIBS  += -lmpfr -lgmp -ljansson -lm -ldl -lsleef -ldnnl -lXNNPACK -lmvec
B       := build

REF_SRC   := $(wildcard reference/*.c)
# Every kernel folder but neon/ (cross-built for AArch64 by impls/neon/neon.mk);
# generators (impls/gen-*.c, programs of their own) stay out of the library.
IMPL_SRC  := $(filter-out impls/gen-%.c,$(wildcard impls/*.c $(filter-out impls/neon/%,$(wildcard impls/*/*.c))))
SUITE_SRC := $(filter-out suites/actcheck.c,$(wildcard suites/*.c))
TEST_SRC  := $(wildcard suites/selftest/test_*.c)

obj = $(patsubst %.c,$(B)/%.o,$(1))
LIB_OBJ := $(call obj,$(REF_SRC) $(IMPL_SRC) $(SUITE_SRC))
TESTS   := $(patsubst suites/selftest/%.c,$(B)/selftest/%,$(TEST_SRC))

all: $(B)/actcheck

# Missing Debian packages are installed (or the command printed) first.
$(B)/.deps: scripts/deps.sh
	@mkdir -p $(B)
	@bash scripts/deps.sh --check 2>/dev/null || bash scripts/deps.sh
	@touch $@

# Per-ISA flags.  Kernels for an ISA the machine lacks are still built (and
# skipped at run time, loudly).
$(B)/impls/avx2/%.o: CFLAGS += -mavx2 -mfma -mf16c
# The sweep's inner loops (statistics, pattern runs) are vectorised at -O3.
$(B)/suites/sweep.o: CFLAGS += -O3
# Peer adapters call the libraries' AVX2 entry points.
$(B)/impls/peers/%.o: CFLAGS += -mavx2 -mfma -mf16c

$(B)/%.o: %.c | $(B)/.deps
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

$(B)/libact.a: $(LIB_OBJ)
	rm -f $@ && ar rcs $@ $^

$(B)/actcheck: $(B)/suites/actcheck.o $(B)/libact.a
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

$(B)/selftest/%: $(B)/suites/selftest/%.o $(B)/libact.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ -lcmocka $(LDLIBS)

$(B)/bench/%: $(B)/suites/bench/%.o $(B)/libact.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

# Deliberately broken kernels (and their correct twins) in a shared library,
# loaded by the tests and by `actcheck check --kernel` as a user's would be.
BROKEN_SRC := $(wildcard suites/broken/*.c)
$(B)/libbroken.so: $(BROKEN_SRC) | $(B)/.deps
	$(CC) -O2 -g -std=gnu11 -Wall -Wextra -Iimpls -shared -fPIC -o $@ $(BROKEN_SRC) -lm

# test_fast runs twice: as the machine allows (vec_mode) and with the scalar
# path machines without AVX2 use.
check: $(B)/actcheck $(TESTS) $(if $(BROKEN_SRC),$(B)/libbroken.so)
	@ACTCHECK_BUILD=$(B) bash scripts/run-tests.sh $(TESTS) ACTCHECK_FAST_SCALAR=1:$(B)/selftest/test_fast

accuracy: $(B)/actcheck
	$(B)/actcheck accuracy

validate: $(B)/selftest/test_fast
	ACTCHECK_VALIDATE=full $(B)/selftest/test_fast

bench-sweep: $(B)/actcheck $(B)/bench/bench_ref
	bash scripts/bench-sweep.sh

# Kernel throughput (elements/ns, L1 and L2) beside max ULP, against peers.
bench-kernels: $(B)/bench/bench_kernels
	B=$(B) bash scripts/bench-kernels.sh
.PHONY: bench-kernels

clean:
	rm -rf $(B)

.PHONY: all check accuracy validate bench-sweep clean
.SECONDARY:
-include $(shell find $(B) -name '*.d' 2>/dev/null)
-include impls/neon/neon.mk
-include reports/report.mk
