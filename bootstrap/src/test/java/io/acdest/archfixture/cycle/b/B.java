package io.acdest.archfixture.cycle.b;

import io.acdest.archfixture.cycle.a.A;

/** Deliberately breaks the rules: the other half of a package cycle. */
public class B {
  public A previous;

  /** An implementation named *Impl. */
  public static class RepositoryImpl {}
}
