use gloo::timers::callback::Timeout;
use yew::prelude::*;

/// `value`, once it has stopped changing for `delay_ms`. The first value is returned at once.
#[hook]
pub fn use_debounced<T>(value: T, delay_ms: u32) -> T
where
    T: Clone + PartialEq + 'static,
{
    let settled = use_state_eq(|| value.clone());
    {
        let settled = settled.clone();
        use_effect_with(value, move |value| {
            let value = value.clone();
            let timeout = Timeout::new(delay_ms, move || settled.set(value));
            move || drop(timeout)
        });
    }
    (*settled).clone()
}
