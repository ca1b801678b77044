# reports/report.mk: the report (included at the end of the Makefile).
#   make report        the GELU approximation comparison and every kernel's
#                      accuracy: $(B)/report/index.html and report.md with
#                      gnuplot plots (scripts/report.sh); a few minutes
#   make report-full   the same with every GELU-family kernel swept over all
#                      2^32 inputs first ($(B)/report-sweeps, resumable) and
#                      gelu_approx on every 16th bit pattern: hours
# Variables (scripts/report.sh says more): GELU_STEP (every K-th bit
# pattern; report: 4096, report-full: 16), BENCH=0 (no throughput),
# SWEEPS=DIR (add existing `actcheck sweep --out` files); report-full:
# SWEEP_DIR (default $(B)/report-sweeps), SWEEP_KERNELS=REGEX (only these),
# SWEEP_NEON=1 (the NEON rows too, under qemu).

REPORT_BIN := $(B)/actcheck $(B)/bench/gelu_approx $(B)/bench/bench_kernels \
              $(if $(NEON_RCC),$(NEON_RUNNER))
REPORT_ENV  = B=$(B) $(if $(GELU_STEP),GELU_STEP=$(GELU_STEP)) $(if $(BENCH),BENCH=$(BENCH)) \
              $(if $(SWEEPS),SWEEPS=$(SWEEPS)) $(if $(SWEEP_NEON),SWEEP_NEON=$(SWEEP_NEON)) \
              $(if $(SWEEP_KERNELS),SWEEP_KERNELS='$(SWEEP_KERNELS)') $(if $(SWEEP_DIR),SWEEP_DIR=$(SWEEP_DIR))

report: $(REPORT_BIN)
	$(REPORT_ENV) bash scripts/report.sh

report-full: $(REPORT_BIN)
	$(REPORT_ENV) FULL=1 GELU_STEP=$(or $(GELU_STEP),16) bash scripts/report.sh

.PHONY: report report-full
