/* test_conformance.c: the accuracy, special-value, convention and property
 * suites on every registered kernel (each must pass under the profile it
 * claims), and on deliberately broken kernels (each caught by the right
 * suite; see suites/broken/).
 *
 * Peer rows (ACT_K_PEER, impls/peers/: adapters to oneDNN, SLEEF, libmvec)
 * are other people's kernels: what they do with special values, conventions
 * and properties is a fact about the library, printed loudly as FACT and not
 * failed.  An error above the promise (the measured max) at a special input
 * still fails them, as it fails any kernel: the promise is ours. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "conformance.h"

/* A failure of a peer that reports a fact about its library. */
static int is_fact(const act_kernel *k, const act_check_result *r)
{
  return (k->flags & ACT_K_PEER) && r->status == CHK_FAIL &&
         !(!strcmp(r->suite, "specials") && !strcmp(r->check, "ulp error at a special input"));
}

/* Prints every failure; returns how many count (facts do not). */
static size_t print_failures(const act_kernel *k, const act_results *rs, size_t *facts)
{
  size_t bad = 0;
  for (size_t i = 0; i < rs->n; i++) {
    const act_check_result *r = &rs->r[i];
    if (r->status != CHK_FAIL)
      continue;
    int fact = is_fact(k, r);
    printf("    %s %s [%s] %s: %s\n", k->name, fact ? "FACT" : "FAIL", r->suite, r->check,
           r->detail);
    *facts += fact;
    bad += !fact;
  }
  return bad;
}

static void test_registered_kernels_conform(void **state)
{
  (void)state;
  size_t bad = 0, facts = 0, peers = 0;
  for (unsigned i = 0; i < act_kernel_count; i++) {
    const act_kernel *k = &act_kernels[i];
    if (!act_isa_available(k->isa)) {
      printf("  %-38s SKIPPED: this machine lacks %s\n", k->name, act_isa_name(k->isa));
      continue;
    }
    act_profile prof = PROF_PYTORCH;
    if (k->profile)
      act_profile_parse(k->profile, &prof);
    act_results rs = {0};
    if (!act_kernel_is_row(k)) {
      act_suite_specials(k, prof, NULL, k->max_ulp, &rs);
      act_suite_conventions(k, prof, NULL, &rs);
    }
    act_suite_properties(k, NULL, k->max_ulp, &rs);
    size_t f = act_results_count(&rs, NULL, CHK_FAIL), nf = facts;
    printf("  %-38s %s: %zu pass, %zu tolerated, %zu fail\n", k->name, act_profile_names[prof],
           act_results_count(&rs, NULL, CHK_PASS), act_results_count(&rs, NULL, CHK_TOLERATED), f);
    bad += print_failures(k, &rs, &facts);
    peers += facts > nf;
    act_results_free(&rs);
  }
  if (facts)
    printf("  FACTS: %zu failed checks of %zu peer kernels (adapters to other libraries) are "
           "reported above as FACT, not counted as failures\n", facts, peers);
  if (bad)
    fail_msg("%zu conformance failures in registered kernels", bad);
}

/* Correct kernels with parameters away from the defaults (negative slopes
 * as a trained PReLU has, softplus and swish with beta < 0, PyTorch's
 * softplus with a low threshold): no failure in accuracy (sampled, against
 * the default-parameter promise), specials, conventions or properties, and
 * the properties that do not hold for those parameters
 * are SKIP, not PASS. */
static void test_parameters_conform(void **state)
{
  (void)state;
  static const struct {
    const char *kernel;
    float p[2];
    const char *skipped; /* a property that must be SKIP, or NULL */
  } cases[] = {
    {"f32-softplus-avx2-rr2-p7-log1p", {-1}, NULL},
    {"f32-softplus-scalar-log1p", {-1}, NULL},
    {"f32-softplus-bwd-avx2-rr2-p7-div", {-1}, "monotone (increasing)"},
    {"f32-softplus_torch-avx2-rr2-p7-log1p", {1, 5}, "monotone (increasing)"},
    {"f32-softplus_torch-scalar-log1p", {-2, 20}, NULL},
    {"f32-swish-avx2-rr2-p7-div", {-1}, NULL},
    {"f32-swish-bwd-scalar-exp-div", {-0.5f}, NULL},
    {"f32-prelu-avx2-select", {-0.25f}, "monotone (increasing)"},
    {"f32-leaky_relu-scalar-select", {-0.5f}, "monotone (increasing)"},
    {"f32-celu-bwd-avx2-rr2-p7-exp", {-1}, NULL},
    {"f32-celu-avx2-rr2-p7-expm1", {-1}, NULL},
    {"f32-celu-avx2-rr2-p7-expm1", {-0.5f}, NULL},
    {"f32-swish-bwd-avx2-rr2-p6-div", {3}, NULL},       /* beta x beyond the clamp */
    {"f32-softplus-bwd-avx2-rr2-p6-div", {3}, NULL},
    {"f32-hardtanh-bwd-avx2-minmax", {-2, 0.5f}, NULL}, /* conventions at min_val, max_val */
    {"f32-hardtanh-bwd-scalar-clamp", {0, 6}, NULL},
  };
  size_t bad = 0, facts = 0;
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const act_kernel *k = act_kernel_find(cases[i].kernel);
    assert_non_null(k);
    if (!act_isa_available(k->isa)) {
      printf("  %-38s SKIPPED: this machine lacks %s\n", k->name, act_isa_name(k->isa));
      continue;
    }
    act_results rs = {0};
    act_suite_specials(k, PROF_PYTORCH, cases[i].p, k->max_ulp, &rs);
    act_suite_conventions(k, PROF_PYTORCH, cases[i].p, &rs);
    act_suite_properties(k, cases[i].p, k->max_ulp, &rs);
    act_stats st;
    act_suite_accuracy(k, cases[i].p, k->max_ulp, 8, 20000, &rs, &st);
    printf("  %-38s (%g, %g): %zu pass, %zu skip, %zu fail\n", k->name, cases[i].p[0],
           cases[i].p[1], act_results_count(&rs, NULL, CHK_PASS),
           act_results_count(&rs, NULL, CHK_SKIP), act_results_count(&rs, NULL, CHK_FAIL));
    bad += print_failures(k, &rs, &facts);
    if (cases[i].skipped) {
      int found = 0;
      for (size_t j = 0; j < rs.n; j++)
        found |= !strcmp(rs.r[j].suite, "properties") && !strcmp(rs.r[j].check, cases[i].skipped) &&
                 rs.r[j].status == CHK_SKIP;
      if (!found) {
        printf("    %s: property '%s' is not SKIP\n", k->name, cases[i].skipped);
        bad++;
      }
    }
    act_results_free(&rs);
  }
  if (bad)
    fail_msg("%zu failures with non-default parameters", bad);
}

int main(void)
{
  setvbuf(stdout, NULL, _IOLBF, 0);
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_registered_kernels_conform),
    cmocka_unit_test(test_parameters_conform),
  };
  return cmocka_run_group_tests_name("conformance", tests, NULL, NULL);
}
