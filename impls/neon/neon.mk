# impls/neon/neon.mk: the NEON kernels (included at the end of the Makefile).
#
# Elsewhere than on AArch64 the kernels are cross-built with
# aarch64-linux-gnu-gcc into one freestanding static AArch64 program,
# $(B)/neon/act-neon-runner (runner.c: no C library, raw system calls), which
# the host runs under qemu-aarch64 (remote.c, linked into libact.a); the
# registry's NEON rows call it through trampolines (kernels.c).  On AArch64
# the kernels are also linked into libact.a and called directly; the runner
# is built natively (the deliberately broken kernels live only there).
# `make check` and `make` build the runner when the cross compiler exists,
# and say loudly that the NEON kernels will be SKIPPED when it does not.

NEON_CC     ?= aarch64-linux-gnu-gcc
NEON_QEMU   ?= qemu-aarch64
# -ffp-contract=off: a * b + c stays two roundings unless written as vfmaq
# (the float-pair arithmetic of exp-neon.h depends on it).
NEON_GEN    := $(B)/neon/gen/gelu-tables-neon.h
NEON_KFLAGS := -O2 -g -std=gnu11 -Wall -Wextra -ffp-contract=off -Iimpls -Iimpls/neon \
               -I$(dir $(NEON_GEN))
NEON_RFLAGS := $(NEON_KFLAGS) -ffreestanding -fno-builtin -fno-stack-protector -fno-pie \
               -fno-tree-loop-distribute-patterns -MMD -MP
NEON_TOOLS  := impls/neon/gen-tables.c impls/neon/gen-roots.c impls/neon/gen-gelu.c
NEON_SRC    := $(filter-out impls/neon/runner.c impls/neon/remote.c impls/neon/broken.c \
                 $(NEON_TOOLS),$(wildcard impls/neon/*.c))
NEON_RUNNER := $(B)/neon/act-neon-runner
NEON_ROBJ   := $(patsubst impls/neon/%.c,$(B)/neon/%.o,$(NEON_SRC) impls/neon/runner.c \
                 impls/neon/broken.c)

ifneq ($(filter aarch64%,$(shell $(CC) -dumpmachine 2>/dev/null)),)
NEON_NATIVE := 1
NEON_RCC    := $(CC)
else
NEON_RCC    := $(shell command -v $(NEON_CC) 2>/dev/null)
endif

# Tables of the GELU table kernels, from the scalar kernels' binary64
# expressions with the host's libm (gen-tables.c): the runner has no libm.
$(NEON_GEN): impls/neon/gen-tables.c | $(B)/.deps
	@mkdir -p $(dir $@)
	$(CC) -O2 -std=gnu11 -Wall -Wextra -o $(B)/neon/gen-tables $< -lm
	$(B)/neon/gen-tables $@

# `make neon-roots`: the root polynomials of roots-neon.h, from the MPFR
# reference (gen-roots.c; printed, to be pasted there).
$(B)/neon/gen-roots: impls/neon/gen-roots.c $(B)/libact.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)
neon-roots: $(B)/neon/gen-roots
	$(B)/neon/gen-roots
# `make neon-gelu`: the G(z) polynomials of gelu-erfc-neon.h (gen-gelu.c, MPFR).
$(B)/neon/gen-gelu: impls/neon/gen-gelu.c | $(B)/.deps
	@mkdir -p $(dir $@)
	$(CC) -O2 -std=gnu11 -Wall -Wextra -o $@ $< -lmpfr -lgmp -lm
neon-gelu: $(B)/neon/gen-gelu
	$(B)/neon/gen-gelu 11

# The host side (and, on AArch64, the kernels) in libact.a.
$(B)/libact.a: $(B)/impls/neon/remote.o $(if $(NEON_NATIVE),$(call obj,$(NEON_SRC)))
$(B)/impls/neon/%.o: CFLAGS += -ffp-contract=off -I$(dir $(NEON_GEN))
$(call obj,$(NEON_SRC)): | $(NEON_GEN)
$(B)/impls/neon/remote.o: CFLAGS += -DACT_NEON_RUNNER_PATH='"$(abspath $(NEON_RUNNER))"'

ifneq ($(NEON_RCC),)
$(B)/neon/%.o: impls/neon/%.c | $(NEON_GEN)
	@mkdir -p $(dir $@)
	$(NEON_RCC) $(NEON_RFLAGS) -c $< -o $@

$(NEON_RUNNER): $(NEON_ROBJ)
	$(NEON_RCC) -static -nostdlib -no-pie -o $@ $^ -lgcc

all: $(NEON_RUNNER)
check: $(NEON_RUNNER) neon-qemu-note
neon: $(NEON_RUNNER)
else
all check neon: neon-missing
endif

neon-missing:
	@echo "*** NEON kernels will be SKIPPED (not run, not passed): $(NEON_CC) not found;" \
	      "install gcc-aarch64-linux-gnu (scripts/deps.sh) to cross-build them ***" >&2

neon-qemu-note:
	@$(if $(NEON_NATIVE),true,command -v $(NEON_QEMU) >/dev/null 2>&1 || command -v \
	  $(NEON_QEMU)-static >/dev/null 2>&1 || echo "*** NEON kernels will be SKIPPED (not run," \
	  "not passed): $(NEON_QEMU) not found; install qemu-user (scripts/deps.sh) ***" >&2)

.PHONY: neon neon-missing neon-qemu-note neon-roots neon-gelu
