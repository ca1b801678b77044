/* test_profiles.c: the convention tables give what the frameworks' sources
 * say, and the registered kernels satisfy the profile they claim. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "profiles.h"
#include "registry.h"

static const act_convention *row(const char *fn, int deriv, double x, act_profile p)
{
  for (unsigned i = 0; i < act_convention_count; i++) {
    const act_convention *c = &act_conventions[i];
    if (!strcmp(c->fn, fn) && c->deriv == deriv && c->profile == p &&
        (c->x == x || (isnan(c->x) && isnan(x))) && !(c->x == 0 && signbit(c->x) != signbit(x)))
      return c;
  }
  return NULL;
}

static double expect(const char *fn, int deriv, double x, act_profile prof)
{
  const act_convention *c = row(fn, deriv, x, prof);
  assert_non_null(c);
  double p[ACT_MAX_PARAMS];
  act_profile_params(prof, act_find(fn), p);
  return act_convention_expect(c, p);
}

/* The branch limits computed through MPFR land on the values the sources state. */
static void test_expectations(void **state)
{
  (void)state;
  assert_true(expect("hardswish", 1, 3, PROF_PYTORCH) == 1);
  assert_true(expect("hardswish", 1, -3, PROF_PYTORCH) == 0);
  assert_true(expect("leaky_relu", 1, 0, PROF_PYTORCH) == (double)0.01f);
  assert_true(expect("leaky_relu", 1, 0, PROF_TENSORFLOW) == (double)0.2f);
  assert_true(expect("leaky_relu", 1, 0, PROF_JAX) == 1);
  assert_true(expect("celu", 1, 0, PROF_TENSORFLOW) == 2);
  assert_true(expect("celu", 1, 0, PROF_PYTORCH) == 1);
  assert_true(expect("elu", 1, 0, PROF_PYTORCH) == 1);
  /* selu'(0): scale*alpha (1.7581) against scale (1.0507) */
  assert_true(fabs(expect("selu", 1, 0, PROF_PYTORCH) - 1.7580993408473768) < 1e-6);
  assert_true(fabs(expect("selu", 1, 0, PROF_TENSORFLOW) - 1.0507009873554805) < 1e-6);
  /* every row has an expectation (NaN only where the row says NaN) */
  for (unsigned i = 0; i < act_convention_count; i++) {
    const act_convention *c = &act_conventions[i];
    const act_def *a = act_find(c->fn);
    if (!a)
      fail_msg("convention row %u names unknown activation %s", i, c->fn);
    double p[ACT_MAX_PARAMS];
    act_profile_params(c->profile, a, p);
    double w = act_convention_expect(c, p);
    if (isnan(w) && !(c->rule == CONV_VALUE && isnan(c->value)) && !isnan(c->x))
      fail_msg("row %u (%s) has no expectation", i, c->what);
  }
}

/* The convention matrix: registered kernel x profile.  A kernel must satisfy
 * the profile its registry row claims.  Peer rows (ACT_K_PEER: adapters to
 * other libraries) claim the profile they satisfy where one does; where none
 * does, their departures are printed as FACT and not failed. */
static void test_kernels_satisfy_claimed_profile(void **state)
{
  (void)state;
  int bad = 0, facts = 0;
  printf("  %-38s", "kernel");
  for (int p = 0; p < PROF_COUNT; p++)
    printf(" %-10s", act_profile_names[p]);
  printf("\n");
  for (unsigned i = 0; i < act_kernel_count; i++) {
    const act_kernel *k = &act_kernels[i];
    if (act_kernel_is_row(k) || !act_isa_available(k->isa))
      continue;
    const act_def *a = act_find(k->fn);
    printf("  %-38s", k->name);
    for (int prof = 0; prof < PROF_COUNT; prof++) {
      double pd[ACT_MAX_PARAMS];
      float pf[ACT_MAX_PARAMS];
      act_profile_params((act_profile)prof, a, pd);
      for (int j = 0; j < ACT_MAX_PARAMS; j++)
        pf[j] = (float)pd[j];
      int rows = 0, fails = 0;
      for (unsigned c = 0; c < act_convention_count; c++) {
        const act_convention *cv = &act_conventions[c];
        if ((int)cv->profile != prof || strcmp(cv->fn, k->fn) || cv->deriv != (k->dir == ACT_BWD))
          continue;
        float x = (float)act_convention_x(cv, pd), dy = 1, y;
        act_call_f32(k, 1, &x, &dy, &y, pf);
        rows++;
        if (!act_convention_match(cv, pd, y)) {
          fails++;
          if (k->profile && !strcmp(k->profile, act_profile_names[prof]) && !cv->tolerated) {
            int peer = (k->flags & ACT_K_PEER) != 0; /* a fact about another library */
            printf("\n    %s %s: %s at x = %a gives %a, want %a (%s)", peer ? "FACT" : "FAIL",
                   act_profile_names[prof], cv->what, x, (double)y,
                   act_convention_expect(cv, pd), cv->source);
            bad += !peer;
            facts += peer;
          }
        }
      }
      char cell[16];
      snprintf(cell, sizeof cell, rows ? (fails ? "no (%d/%d)" : "yes (%d)") : "-", rows ? rows - fails : 0, rows);
      printf(" %-10s", cell);
    }
    printf("\n");
  }
  if (facts)
    printf("  FACTS: %d departures of peer kernels from their profile, reported as FACT, not "
           "counted as failures\n", facts);
  if (bad)
    fail_msg("%d convention failures against the claimed profile", bad);
}

int main(void)
{
  setvbuf(stdout, NULL, _IOLBF, 0);
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_expectations),
    cmocka_unit_test(test_kernels_satisfy_claimed_profile),
  };
  return cmocka_run_group_tests_name("profiles", tests, NULL, NULL);
}
