//! The follow-up rules and the date parser behind `careerpress followup` and the
//! calculator: any date text and any timeline give a plan or an error, never a panic.
#![no_main]
use careerpress::dates::parse_date;
use careerpress::followup::{plan, Rules, Timeline};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (&str, u8, u32, &str)| {
    let (interview, kind, n, decision) = input;
    let Ok(interview) = parse_date(interview) else { return };
    let timeline = match kind % 5 {
        0 => Timeline::None,
        1 => Timeline::Days(n),
        2 => Timeline::Weeks(n),
        3 => Timeline::BusinessDays(n),
        _ => match parse_date(decision) {
            Ok(d) => Timeline::DecisionBy(d),
            Err(_) => return,
        },
    };
    if let Ok(p) = plan(&Rules::default(), interview, timeline) {
        assert!(p.thank_you > interview && p.follow_up <= p.second_follow_up && p.second_follow_up <= p.move_on);
    }
});
