package io.acdest.archfixture.cycle.a;

import io.acdest.archfixture.cycle.b.B;

/** Deliberately breaks the rules: half of a package cycle. */
public class A {
  public B next;
}
