import { render } from 'solid-js/web';
import { App } from './app.js';
import { apiUrls, createApiClient } from './client/api-client.js';
import { createLiveData } from './store/live-data.js';
import './styles.css';

const api = createApiClient(apiUrls(window.location));
const live = createLiveData(api.urql);
const root = document.getElementById('root');
if (!root) throw new Error('Expected an element #root in index.html, found none');
render(() => <App api={api} live={live} />, root);
