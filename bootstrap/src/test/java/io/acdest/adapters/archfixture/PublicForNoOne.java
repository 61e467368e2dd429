package io.acdest.adapters.archfixture;

/** Deliberately breaks the rules: a public adapter class nothing outside its package uses. */
public final class PublicForNoOne {
  int answer() {
    return 42;
  }
}
