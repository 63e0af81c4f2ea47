package content

import (
	"math"
	"sort"
)

// BM25 parameters (the usual defaults) and how much each part of a topic
// counts: a word in the title or in a question says more about what the
// topic is for than a word in the answer.
const (
	bm25K1         = 1.8
	bm25B          = 0.75
	weightTitle    = 2
	weightQuestion = 3
	weightKeyword  = 2
	weightBody     = 1
	// synonymWeight is how much a synonym of a query word counts; when no
	// topic uses the word itself ("espresso"), its synonyms count more.
	synonymWeight        = 0.5
	synonymWeightUnknown = 0.8
	// minTypoLen is the shortest word a typo is corrected in: shorter words
	// are too often another real word ("four" is not "foot").
	minTypoLen = 5
	// minSubstitutionLen is the shortest word in which a changed letter is
	// taken for a typo: in five letters it is too often another word
	// ("class" is not "glass").
	minSubstitutionLen = 6
	// maxTypoLen is the longest word a typo is looked for in: longer
	// "words" are not words, and their deletions would cost a lot.
	maxTypoLen = 30
)

// index is a BM25F-style inverted index over the topics.
type index struct {
	topics   []*Topic
	postings map[string][]posting // term -> topics holding it
	idf      map[string]float64
	docLen   []float64
	avgLen   float64
	// questions are the topics' own phrasings, each with its topic and the
	// idf mass of its terms; qPostings maps a term to the questions that
	// hold it.
	questions []questionEntry
	qPostings map[string][]int
	// deletes maps every term with one letter removed to the terms, so a
	// typo of one letter still finds its word (SymSpell, distance 1).
	deletes map[string][]string
}

type questionEntry struct {
	doc  int
	mass float64
}

type posting struct {
	doc int
	tf  float64 // weighted term frequency
}

func newIndex(topics []*Topic, lx *lexicon) *index {
	ix := &index{topics: topics, postings: map[string][]posting{}, idf: map[string]float64{}, deletes: map[string][]string{}, qPostings: map[string][]int{}}
	var questionTerms [][]string
	ix.docLen = make([]float64, len(topics))
	for d, t := range topics {
		tf := map[string]float64{}
		add := func(text string, w float64) {
			for _, term := range lx.terms(text) {
				tf[term] += w
				ix.docLen[d] += w
			}
		}
		add(t.Title, weightTitle)
		for _, q := range t.Questions {
			add(q, weightQuestion)
		}
		for _, k := range t.Keywords {
			add(k, weightKeyword)
		}
		add(t.Body, weightBody)
		for _, q := range t.Questions {
			qi := len(ix.questions)
			ix.questions = append(ix.questions, questionEntry{doc: d})
			var terms []string
			for _, term := range lx.terms(q) {
				if !contains(terms, term) {
					terms = append(terms, term)
					ix.qPostings[term] = append(ix.qPostings[term], qi)
				}
			}
			questionTerms = append(questionTerms, terms)
		}
		terms := make([]string, 0, len(tf))
		for term := range tf {
			terms = append(terms, term)
		}
		sort.Strings(terms) // deterministic posting order
		for _, term := range terms {
			ix.postings[term] = append(ix.postings[term], posting{doc: d, tf: tf[term]})
		}
	}
	var total float64
	for _, l := range ix.docLen {
		total += l
	}
	ix.avgLen = total / float64(max(len(topics), 1))
	n := float64(len(topics))
	defer func() {
		for qi, terms := range questionTerms {
			for _, term := range terms {
				ix.questions[qi].mass += ix.idf[term]
			}
		}
	}()
	for term, ps := range ix.postings {
		df := float64(len(ps))
		ix.idf[term] = math.Log(1 + (n-df+0.5)/(df+0.5))
		if len([]rune(term)) >= minTypoLen {
			for _, del := range deletions(term) {
				ix.deletes[del] = appendUnique(ix.deletes[del], term)
			}
		}
	}
	return ix
}

// known reports whether any topic holds the term.
func (ix *index) known(term string) bool { _, ok := ix.postings[term]; return ok }

// correct returns the indexed term one typo away from term, if exactly one
// is (a letter missing, extra, or changed).
func (ix *index) correct(term string) (string, bool) {
	if n := len([]rune(term)); n < minTypoLen || n > maxTypoLen {
		return "", false
	}
	found := map[string]bool{}
	for _, t := range ix.deletes[term] { // term lacks a letter
		found[t] = true
	}
	for _, del := range deletions(term) {
		if ix.known(del) { // term has an extra letter
			found[del] = true
		}
		for _, t := range ix.deletes[del] { // a letter differs
			if len([]rune(term)) >= minSubstitutionLen && oneSubstitution(term, t) {
				found[t] = true
			}
		}
	}
	if len(found) != 1 {
		return "", false
	}
	for t := range found {
		return t, true
	}
	return "", false
}

// concept is one word of a question with its synonyms: for each term that
// stands for it, how much it counts and the idf it may use at most.
type concept map[string]conceptTerm

type conceptTerm struct {
	weight float64
	maxIDF float64
}

// score returns the BM25 score of every topic for a question's concepts.
// A concept scores the best of its terms in a topic, not their sum, so a
// topic that names many synonyms of one word ("calves, thighs and feet")
// does not outrank one that answers the question.
func (ix *index) score(concepts []concept) []float64 {
	scores := make([]float64, len(ix.topics))
	best := make([]float64, len(ix.topics))
	for _, c := range concepts {
		clear(best)
		for term, ct := range c {
			idf := min(ix.idf[term], ct.maxIDF)
			for _, p := range ix.postings[term] {
				norm := bm25K1 * (1 - bm25B + bm25B*ix.docLen[p.doc]/ix.avgLen)
				if v := ct.weight * idf * p.tf * (bm25K1 + 1) / (p.tf + norm); v > best[p.doc] {
					best[p.doc] = v
				}
			}
		}
		for d, v := range best {
			scores[d] += v
		}
	}
	return scores
}

// questionScore returns, for every topic, how closely its nearest question
// matches the question's concepts: the idf-weighted share of the words of
// both that they have in common (a Dice coefficient), from 0 to 1.
func (ix *index) questionScore(concepts []concept) []float64 {
	out := make([]float64, len(ix.topics))
	var qMass float64
	for _, c := range concepts {
		qMass += c.idf(ix)
	}
	if qMass == 0 {
		return out
	}
	shared := make([]float64, len(ix.questions))
	best := make([]float64, len(ix.questions))
	var touched []int
	for _, c := range concepts {
		w := c.idf(ix)
		touched = touched[:0]
		for term, ct := range c {
			for _, qi := range ix.qPostings[term] {
				if best[qi] == 0 {
					touched = append(touched, qi)
				}
				best[qi] = max(best[qi], ct.weight)
			}
		}
		for _, qi := range touched {
			shared[qi] += best[qi] * w
			best[qi] = 0
		}
	}
	for qi, sh := range shared {
		if sh == 0 {
			continue
		}
		q := ix.questions[qi]
		if sim := 2 * sh / (qMass + q.mass); sim > out[q.doc] {
			out[q.doc] = sim
		}
	}
	return out
}

// idf is the weight of a concept: the idf of the user's own word, or of its
// best-known synonym when no topic uses the word itself.
func (c concept) idf(ix *index) float64 {
	best := 0.0
	for term, ct := range c {
		if v := min(ix.idf[term], ct.maxIDF); v > best && ct.weight == 1 {
			return v
		} else if v > best {
			best = v
		}
	}
	return best
}

// holds reports whether topic d holds term.
func (ix *index) holds(d int, term string) bool {
	for _, p := range ix.postings[term] {
		if p.doc == d {
			return true
		}
	}
	return false
}

// oneSubstitution reports whether a and b differ in exactly one letter at
// the same place, or by two neighbouring letters swapped ("cream" is not a
// typo of "cramp", though both lose a letter to "cram").
func oneSubstitution(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) != len(rb) {
		return false
	}
	var diff []int
	for i := range ra {
		if ra[i] != rb[i] {
			diff = append(diff, i)
		}
	}
	switch len(diff) {
	case 1:
		return true
	case 2:
		i, j := diff[0], diff[1]
		return j == i+1 && ra[i] == rb[j] && ra[j] == rb[i]
	}
	return false
}

// deletions returns term with each one of its letters removed.
func deletions(term string) []string {
	r := []rune(term)
	out := make([]string, 0, len(r))
	for i := range r {
		out = append(out, string(r[:i])+string(r[i+1:]))
	}
	return out
}

func appendUnique(list []string, s string) []string {
	if contains(list, s) {
		return list
	}
	return append(list, s)
}
