/**
 * Legal and policy content as effective-dated data, each entry with its source: classification schemes and their
 * equivalences (national schemes may be Open XML SPIFs, {@link dev.pillar.core.rules.NationalPolicy}, whose declared
 * equivalences and releasability markings the decision layers use), the ITAR country policy of denial (22 CFR 126.1), the AUKUS exemption (22 CFR 126.7) and its Excluded
 * Technology List, the EAR Commerce Country Chart and the UK and Australian reciprocal regimes.
 *
 * <p>Nothing legal is a constant in code: a compliance officer corrects a rule by editing the world's rule files.
 * The shipped entries are illustrative, not legal advice.
 */
package dev.pillar.core.rules;
