package dev.pagelab.lesson;

import dev.pagelab.replay.ReplaySteps;

/**
 * One seeded problem with its answer key, after the OSTEP simulators' {@code -s SEED} and {@code -c}: the same
 * seed always gives the same problem, and it prints the question only. The answer comes from a separate call, or
 * stays hidden when {@code answer(false)} is asked, so a notebook can hand out problems and keys in one file.
 *
 * <pre>{@code
 * var q = Exercises.replacement(7);
 * q             // the question
 * q.answer()    // the key, worked out on the engine
 * }</pre>
 */
public final class Exercise {
    private final String question;
    private final Answer key;

    Exercise(String title, long seed, String question, String answer) {
        this(title, seed, question, answer, null);
    }

    Exercise(String title, long seed, String question, String answer, ReplaySteps steps) {
        this.question = question;
        this.key = new Answer(title, seed, answer, true, steps);
    }

    /** What kind of problem: "Which accesses fault?". */
    public String title() {
        return key.title();
    }

    /** The seed that made it. */
    public long seed() {
        return key.seed();
    }

    /** The question, without the answer. */
    public String question() {
        return question;
    }

    /** The answer key. */
    public Answer answer() {
        return key;
    }

    /** The answer key when {@code show} is true; otherwise a note that it is hidden. */
    public Answer answer(boolean show) {
        return show ? key : new Answer(key.title(), key.seed(), "Answer hidden. Show it with answer() or answer(true).", false, null);
    }

    @Override
    public String toString() {
        return key.title() + " (seed " + key.seed() + ")\n\n" + question;
    }

    /**
     * The answer to an exercise, or the note that it is hidden.
     *
     * @param title the exercise's title
     * @param seed  the exercise's seed
     * @param text  the answer, or the note
     * @param shown whether {@code text} is the answer
     * @param steps for a frame-table exercise whose answer is shown, the replay step by step (its player in a
     *              notebook); otherwise null
     */
    public record Answer(String title, long seed, String text, boolean shown, ReplaySteps steps) {
        @Override
        public String toString() {
            return text;
        }
    }
}
