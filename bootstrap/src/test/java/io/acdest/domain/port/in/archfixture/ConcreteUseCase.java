package io.acdest.domain.port.in.archfixture;

/** Deliberately breaks the rules: an incoming port that is a class. */
public class ConcreteUseCase {}
